using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StreamPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnomaliesDuplicatesShadowAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DuplicateOf",
                table: "Events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShadowRefusal",
                table: "Events",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Anomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    DetectedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ResolvedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    LastEvidenceMs = table.Column<long>(type: "bigint", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false),
                    EventIds = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Anomalies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_DuplicateOf_Id",
                table: "Events",
                columns: new[] { "DuplicateOf", "Id" },
                filter: "\"DuplicateOf\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ShadowRefusal_Id",
                table: "Events",
                columns: new[] { "ShadowRefusal", "Id" },
                filter: "\"ShadowRefusal\" IS NOT NULL");

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

            migrationBuilder.DropIndex(
                name: "IX_Events_DuplicateOf_Id",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_ShadowRefusal_Id",
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
