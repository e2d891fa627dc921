using StreamPortal.Anomalies;

namespace StreamPortal.Tests.Anomalies;

public sealed class AnomalyOptionsTests
{
    [Fact]
    public void The_defaults_are_the_contracts()
    {
        var o = new AnomalyOptions();
        Assert.Equal((120, 720, 120), (o.StaleStreamSeconds, o.SilentSessionMinutes, o.SilentNodeSeconds));
        Assert.True(new ValidateAnomalyOptions().Validate(null, o).Succeeded);
    }

    [Fact]
    public void Every_value_out_of_range_is_reported_with_its_key()
    {
        var result = new ValidateAnomalyOptions().Validate(null, new AnomalyOptions { StaleStreamSeconds = 0, SilentSessionMinutes = 0, SilentNodeSeconds = 100_000 });
        Assert.False(result.Succeeded);
        Assert.Contains("StreamPortal:Anomalies:StaleStreamSeconds must be from 10 to 86400.", result.Failures!);
        Assert.Contains("StreamPortal:Anomalies:SilentSessionMinutes must be from 1 to 10080.", result.Failures!);
        Assert.Contains("StreamPortal:Anomalies:SilentNodeSeconds must be from 10 to 86400.", result.Failures!);
    }

    [Fact]
    public void Proof_lists_stay_bounded_and_keep_the_first_and_the_latest()
    {
        var stored = AnomalyProof.Add("", Enumerable.Range(1, 30).Select(i => (long)i));
        var ids = AnomalyProof.Parse(stored);
        Assert.Equal(AnomalyProof.MaxEventIds, ids.Count);
        Assert.Equal(1, ids[0]);
        Assert.Equal(30, ids[^1]);
        Assert.Equal(stored, AnomalyProof.Add(stored, [5]));
    }
}
