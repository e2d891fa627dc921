using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class StreamsByAppAndDirection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Streams_AppKey",
                table: "Streams");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_AppKey_Published_FirstSeenMs",
                table: "Streams",
                columns: new[] { "AppKey", "Published", "FirstSeenMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Streams_AppKey_Published_FirstSeenMs",
                table: "Streams");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_AppKey",
                table: "Streams",
                column: "AppKey");
        }
    }
}
