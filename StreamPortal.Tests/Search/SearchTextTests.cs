using System.Text;
using StreamPortal.Search;

namespace StreamPortal.Tests.Search;

/// <summary>What the index holds of an event: values as written in the raw body, keys apart, the rest whole.</summary>
public sealed class SearchTextTests
{
    private static (string Text, List<string> Keys) Of(string method, string? body, int knownLimit = int.MaxValue)
    {
        var keys = new List<string>();
        var text = SearchText.Of(method, "cam-1", "sess-1", body, key =>
        {
            if (keys.Count >= knownLimit) return false;
            keys.Add(Encoding.UTF8.GetString(key));
            return true;
        });
        return (text, keys);
    }

    [Fact]
    public void Values_are_indexed_raw_and_once_keys_go_to_the_vocabulary()
    {
        var (text, keys) = Of("StreamStatusEvent", """{"name":"cam-1","info":"say \"hi\"","n":1718006400512,"a":true,"b":0,"c":"ok","d":"cam-1","e":{"f":[null,"x y z"]}}""");
        Assert.Equal(["name", "info", "n", "a", "b", "c", "d", "e", "f"], keys);
        // cam-1 and sess-1 are keyed (found through EventKeys), so neither the columns nor the body's "cam-1" are in it.
        Assert.Equal("StreamStatusEvent\nsay \\\"hi\\\"\n1718006400512\ntrue\nnull\nx y z\n", text);
    }

    [Fact]
    public void Keyed_values_stay_out_unkeyed_columns_and_escaped_copies_stay_in()
    {
        var buffer = new SearchTextBuffer();
        var body = Encoding.UTF8.GetBytes("""{"name":"cam\/1","sessionId":"sess-1","mediaSessionId":"ms-1","title":"cam/1 live"}""");
        SearchText.Write(buffer, "publishStream"u8, new KeyColumnValues("cam/1"u8, default), new KeyColumnValues(default, "sess-1"u8, "ms-1"u8),
            body, _ => true);
        // The unkeyed stream name is written; the body's escaped "cam\/1" is not byte-equal to it and stays too; the
        // keyed session and media session ids are left out.
        Assert.Equal("publishStream\ncam/1\ncam\\/1\ncam/1 live\n", Encoding.UTF8.GetString(buffer.Row));
        SearchText.WriteKey(buffer, "sess-1"u8);
        Assert.Equal("sess-1\n", Encoding.UTF8.GetString(buffer.Row));
    }

    [Fact]
    public void A_key_past_the_vocabulary_bound_is_indexed_as_a_value()
    {
        var (text, keys) = Of("connect", """{"first":"value-1","second":"value-2"}""", knownLimit: 1);
        Assert.Equal(["first"], keys);
        Assert.Contains("second\n", text);
        Assert.DoesNotContain("first", text);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"open":"never closed""")]
    [InlineData("""{"a":"b"} trailing""")]
    [InlineData("""{"a":"b"} // comment""")]
    [InlineData("eyJuYW1lIjoieCJ9")]
    public void A_body_that_is_not_one_json_value_is_indexed_whole(string body)
    {
        var (text, _) = Of("connect", body);
        Assert.Contains(body, text);
    }

    [Fact]
    public void Short_values_and_missing_columns_are_left_out()
    {
        var text = SearchText.Of("ab", null, null, """{"k":"xy","l":12}""", _ => true);
        Assert.Equal("", text);
    }

    [Theory]
    [InlineData("lecture", true)]
    [InlineData("a b", true)]
    [InlineData("50%_", true)]
    [InlineData("東京x", true)]
    [InlineData("ab", false)]
    [InlineData("🎥a", false)]
    [InlineData("\"name", false)]
    [InlineData("a:b", false)]
    [InlineData("a,b", false)]
    [InlineData("{ab", false)]
    [InlineData("ab]", false)]
    [InlineData(" abc", false)]
    public void Which_terms_the_index_can_answer(string term, bool expected) => Assert.Equal(expected, SearchTerm.UsesIndex(term));

    [Fact]
    public void Operators_and_quotes_become_quoted_trigrams()
    {
        Assert.Equal("\"a\"\"b\" AND \"\"\"b*\"", SearchTerm.MatchExpression(SearchTerm.Trigrams("a\"b*")));
        Assert.Equal("\"AND\"", SearchTerm.MatchExpression(SearchTerm.Trigrams("AND")));
        Assert.Equal("\"🎥 c\" AND \" ca\"", SearchTerm.MatchExpression(SearchTerm.Trigrams("🎥 ca")));
        // Distinct trigrams, any case: "aaaaa" is one, "abcABC" four (abc, bcA, cAB; ABC is abc again).
        Assert.Single(SearchTerm.Trigrams("aaaaa"));
        Assert.Equal(3, SearchTerm.Trigrams("abcABC").Count);
    }
}
