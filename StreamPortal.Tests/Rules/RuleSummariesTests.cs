using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

public sealed class RuleSummariesTests
{
    [Theory]
    [InlineData(1, "every match")]
    [InlineData(2, "every 2nd match")]
    [InlineData(3, "every 3rd match")]
    [InlineData(4, "every 4th match")]
    [InlineData(11, "every 11th match")]
    [InlineData(22, "every 22nd match")]
    public void Every_nth_reads_as_english(int n, string expected) =>
        Assert.Equal(expected, RuleSummaries.Limits(new RuleLimits(1.0, n, null, null)));

    [Fact]
    public void Limits_are_listed_together_and_none_is_a_dash()
    {
        Assert.Equal("-", RuleSummaries.Limits(new RuleLimits(1.0, null, null, null)));
        Assert.Equal("p=0.5, every 3rd match, max 10", RuleSummaries.Limits(new RuleLimits(0.5, 3, 10, null)));
    }
}
