using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnswerDelivered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AnswerDelivered",
                table: "Events",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswerDelivered",
                table: "Events");
        }
    }
}
