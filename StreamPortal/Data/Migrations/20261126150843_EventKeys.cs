using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_MediaSessionId",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Name",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_SessionId",
                table: "Events");

            migrationBuilder.AddColumn<long>(
                name: "MediaSessionKey",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NameKey",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SessionKey",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EventKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventKeys", x => x.Id);
                });

            // Events stored before this migration get their keys (the unique index on Value comes first: the
            // backfill looks keys up by value).
            migrationBuilder.CreateIndex(
                name: "IX_EventKeys_Value",
                table: "EventKeys",
                column: "Value",
                unique: true);

            migrationBuilder.Sql(EventKeySql.Backfill);

            migrationBuilder.CreateIndex(
                name: "IX_Events_MediaSessionKey",
                table: "Events",
                column: "MediaSessionKey");

            migrationBuilder.CreateIndex(
                name: "IX_Events_NameKey",
                table: "Events",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Events_SessionKey",
                table: "Events",
                column: "SessionKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventKeys");

            migrationBuilder.DropIndex(
                name: "IX_Events_MediaSessionKey",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_NameKey",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_SessionKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "MediaSessionKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "SessionKey",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_MediaSessionId",
                table: "Events",
                column: "MediaSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Name",
                table: "Events",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Events_SessionId",
                table: "Events",
                column: "SessionId");
        }
    }
}
