using StreamPortal.Metrics;

namespace StreamPortal.Tests.Metrics;

/// <summary>StreamPortal:Metrics:Path must be a plain path outside the routes that have rules of their own.</summary>
public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/internal/prometheus")]
    public void A_plain_path_is_accepted(string path) =>
        Assert.True(new ValidateMetricsOptions().Validate(null, new MetricsOptions { Path = path }).Succeeded);

    [Theory]
    [InlineData("", "must be a path")]
    [InlineData("metrics", "must be a path")]
    [InlineData("/metrics?x=1", "plain path")]
    [InlineData("/{x}", "plain path")]
    [InlineData("/api/metrics", "must not be under")]
    [InlineData("/API", "must not be under")]
    [InlineData("/openapi/m", "must not be under")]
    public void Other_paths_are_refused_naming_the_key(string path, string problem)
    {
        var result = new ValidateMetricsOptions().Validate(null, new MetricsOptions { Path = path });
        Assert.True(result.Failed);
        Assert.Contains("StreamPortal:Metrics:Path", result.FailureMessage);
        Assert.Contains(problem, result.FailureMessage);
    }
}
