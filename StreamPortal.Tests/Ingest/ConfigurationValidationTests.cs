using Microsoft.Extensions.Options;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>A wrong setting stops the start with a message naming it, instead of misbehaving later.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("StreamPortal:Hooks:MaxBodyBytes", "0")]
    [InlineData("StreamPortal:Ingest:Synchronous", "OFF")]
    [InlineData("StreamPortal:Ingest:MaxBatchSize", "0")]
    [InlineData("StreamPortal:Ingest:CheckpointIntervalMs", "1")]
    [InlineData("StreamPortal:Ingest:WriterCacheMb", "0")]
    [InlineData("StreamPortal:Ingest:WalBackstopPages", "5")]
    public async Task An_invalid_setting_fails_the_start_and_names_the_key(string key, string value)
    {
        await using var factory = new PortalFactory();
        factory.Settings[key] = value;
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(key, error.Message);
    }
}
