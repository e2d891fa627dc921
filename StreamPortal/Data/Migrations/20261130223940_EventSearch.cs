using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The free-text index of Events is SQLite's FTS5 (raw SQL, one class); other stores search without it.
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(EventSearchSql.Create);
            migrationBuilder.Sql(EventSearchSql.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(EventSearchSql.Drop);
        }
    }
}
