using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DuplicatesAndShadowAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DuplicateOf",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShadowRefusal",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_DuplicateOf",
                table: "Events",
                column: "DuplicateOf",
                filter: "DuplicateOf IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ShadowRefusal",
                table: "Events",
                column: "ShadowRefusal",
                filter: "ShadowRefusal IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_DuplicateOf",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_ShadowRefusal",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "DuplicateOf",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ShadowRefusal",
                table: "Events");
        }
    }
}
