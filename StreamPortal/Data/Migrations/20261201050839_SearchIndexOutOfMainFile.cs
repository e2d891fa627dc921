using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using StreamPortal.Search;

#nullable disable

namespace StreamPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexOutOfMainFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index moved to a file of its own beside the database (Search/SearchIndexFile.cs): its writes
            // took the main file's one write lock against the hook writer. What EventSearchIndexer created here (tables
            // and the Events delete trigger) goes; the indexer builds the new file from Events after the start.
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(SearchSql.Drop);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            migrationBuilder.Sql(SearchSql.Create);
        }
    }
}
