using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplayAndImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReplayOf",
                table: "Events",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ReplayOf",
                table: "Events");
        }
    }
}
