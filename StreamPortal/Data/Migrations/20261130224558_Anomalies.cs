using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Anomalies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Anomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    DetectedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEvidenceMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    EventIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Anomalies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Anomalies_DetectedAtMs",
                table: "Anomalies",
                column: "DetectedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_Anomalies_Kind_ResolvedAtMs",
                table: "Anomalies",
                columns: new[] { "Kind", "ResolvedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_Anomalies_Subject",
                table: "Anomalies",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Anomalies");
        }
    }
}
