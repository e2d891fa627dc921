using Microsoft.Extensions.Options;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

public sealed class RuleOptionsValidationTests
{
    [Theory]
    [InlineData("StreamPortal:Rules:MaxAnswerBodyBytes", "0")]
    [InlineData("StreamPortal:Rules:MaxAnswerBodyBytes", "999999999")]
    [InlineData("StreamPortal:Rules:DryRunTimeoutMs", "0")]
    public async Task An_invalid_rules_setting_fails_the_start_and_names_the_key(string key, string value)
    {
        await using var factory = new PortalFactory();
        factory.Settings[key] = value;
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(key, error.Message);
    }
}
