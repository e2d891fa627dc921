using System.Text.Json;
using StreamPortal.Api;

namespace StreamPortal.Export;

/// <summary>A bundle read from untrusted bytes, or what is wrong with them (for the API's problem and the console).</summary>
/// <param name="Title">The problem's title when <paramref name="Bundle"/> is null.</param>
/// <param name="Errors">Field errors, when the JSON was a bundle whose values are wrong.</param>
public sealed record BundleParsing(EventBundle? Bundle, string? Title, string? Detail, IDictionary<string, string[]>? Errors)
{
    public static BundleParsing Parse(ReadOnlySpan<byte> bytes)
    {
        EventBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<EventBundle>(bytes, BundleValidation.Json);
        }
        catch (JsonException ex)
        {
            return new(null, "Invalid bundle", $"Not a bundle of this portal: {ex.Message}", null);
        }
        if (bundle is null) return new(null, "Invalid bundle", "The body is JSON null.", null);
        var errors = new QueryErrors();
        BundleValidation.Check(bundle, errors);
        return errors.Any ? new(null, "Invalid bundle", "Some values of the bundle are wrong.", errors.ToDictionary()) : new(bundle, null, null, null);
    }

    /// <summary>One line for people: the title, then each field's problems.</summary>
    public string Describe() =>
        Errors is null ? $"{Title}: {Detail}" : $"{Title}: " + string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
