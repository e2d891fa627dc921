using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using StreamPortal.Search;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventSearchIndexer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Events search index is SQLite's FTS5 (raw SQL, Search/SearchSql.cs), outside the EF model. No backfill
            // here: the background indexer catches up from id 0 after the start, and until then q scans what it lacks.
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(SearchSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(SearchSql.Drop);
        }
    }
}
