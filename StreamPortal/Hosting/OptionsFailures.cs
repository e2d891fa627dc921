using Microsoft.Extensions.Options;

namespace StreamPortal.Hosting;

/// <summary>
/// Collects every failure of one options validation, so that a start reports all wrong settings at once, each
/// message naming the full configuration key (the way it is written in appsettings.json or the README).
/// </summary>
public sealed class OptionsFailures
{
    private readonly List<string> _messages = [];

    public void Add(string message) => _messages.Add(message);

    public void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max) Add($"{key} must be from {min} to {max}.");
    }

    public void Positive(string key, int value)
    {
        if (value <= 0) Add($"{key} must be positive.");
    }

    public ValidateOptionsResult Result() =>
        _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);
}
