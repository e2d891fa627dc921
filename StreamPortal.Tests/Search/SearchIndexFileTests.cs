using StreamPortal.Search;

namespace StreamPortal.Tests.Search;

/// <summary>Where the index file lives: beside a database file, nowhere for an in-memory database.</summary>
public sealed class SearchIndexFileTests
{
    [Theory]
    [InlineData("Data Source=/var/lib/portal/portal.db", "/var/lib/portal/portal.db.search")]
    [InlineData("Data Source=/tmp/a b/p.db;Cache=Shared", "/tmp/a b/p.db.search")]
    [InlineData("Data Source=:memory:", null)]
    [InlineData("Data Source=portal;Mode=Memory;Cache=Shared", null)]
    [InlineData("Data Source=file:portal?mode=memory", null)]
    [InlineData("", null)]
    public void The_index_file_is_beside_the_database(string connectionString, string? expected) =>
        Assert.Equal(expected, SearchIndexFile.PathFor(connectionString));

    [Fact]
    public void A_query_uses_only_the_rarest_trigrams_any_subset_is_quoted()
    {
        Assert.Equal(["str", "tre", "rea", "eam", "am-", "m-0", "-00", "000", "001", "012", "123"], SearchTerm.Trigrams("stream-000123"));
        Assert.Equal("\"a\"\"b\" AND \"OR \"", SearchTerm.MatchExpression(["a\"b", "OR "]));
    }
}
