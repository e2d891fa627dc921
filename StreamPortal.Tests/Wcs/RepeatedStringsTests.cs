using System.Text;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Wcs;

/// <summary>The table of strings hooks repeat: the same text gives the same string, any text gives the right one.</summary>
public sealed class RepeatedStringsTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_value_seen_before_is_the_same_string_and_any_value_is_its_own_text()
    {
        var table = new RepeatedStrings(16, 64);
        var first = table.Get(Utf8("PUBLISHING"));
        Assert.Equal("PUBLISHING", first);
        Assert.Same(first, table.Get(Utf8("PUBLISHING")));
        // More values than slots: some share a slot and push each other out, and each still reads as itself.
        var values = Enumerable.Range(0, 200).Select(i => $"node-{i}@203.0.113.{i % 250} é").ToList();
        for (var round = 0; round < 2; round++)
            foreach (var value in values) Assert.Equal(value, table.Get(Utf8(value)));
        Assert.Equal("", table.Get([]));
    }

    [Fact]
    public void A_value_longer_than_the_bound_is_made_each_time_and_not_kept()
    {
        var table = new RepeatedStrings(16, 8);
        var longText = Utf8("a value longer than eight chars");
        var first = table.Get(longText);
        Assert.Equal("a value longer than eight chars", first);
        Assert.NotSame(first, table.Get(longText));
    }

    [Fact]
    public void A_string_already_made_is_swapped_for_the_one_seen_before()
    {
        var table = new RepeatedStrings(16, 64);
        var first = table.Get(new string("defaultApp".AsSpan()));
        var second = new string("defaultApp".AsSpan());
        Assert.NotSame(first, second);
        Assert.Same(first, table.Get(second));
        Assert.Same(first, table.Get(Utf8("defaultApp")));
    }

    [Fact]
    public void The_slot_count_must_be_a_power_of_two() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatedStrings(1000, 64));

    [Fact]
    public void The_parser_reads_repeated_fields_through_the_table_and_escaped_ones_as_written()
    {
        var a = HookBodyParser.Parse(Utf8("""{"nodeId":"n1@10.0.0.1","status":"PUBLISHING","info":"Normal disconnect"}""")).Fields!;
        var b = HookBodyParser.Parse(Utf8("""{"nodeId":"n1@10.0.0.1","status":"PUBLISHING","info":"Normal disconnect"}""")).Fields!;
        Assert.Same(a.NodeId, b.NodeId);
        Assert.Same(a.Status, b.Status);
        Assert.Equal("Normal disconnect", b.Info);
        // An escaped value is unescaped by the reader, not looked up by its raw bytes.
        var escaped = HookBodyParser.Parse(Utf8("""{"status":"PUBLISH\u0049NG","appKey":"a\"b"}""")).Fields!;
        Assert.Equal("PUBLISHING", escaped.Status);
        Assert.Equal("a\"b", escaped.AppKey);
    }
}
