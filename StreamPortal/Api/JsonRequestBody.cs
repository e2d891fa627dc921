using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace StreamPortal.Api;

/// <summary>
/// Reads /api request bodies ourselves instead of through parameter binding: a body that is not JSON, or JSON of the
/// wrong shape, becomes a 400 problem naming the JSON path in every environment. Bound parameters would instead get a
/// bare 400 (which the console's status pages would turn into HTML) or, in Development, an exception.
/// </summary>
public static class JsonRequestBody
{
    internal static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            if (value is null) return (null, Invalid(new() { ["$"] = ["The body must be a JSON object."] }));
            return (value, null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(new() { [path.Length == 0 ? "$" : path] = [$"Not readable as JSON of the expected shape: {ex.Message}"] }));
        }
    }

    /// <summary>As <see cref="ReadAsync{T}"/>, for a body that may be left out entirely (no content at all reads as null).</summary>
    internal static Task<(T? Value, ValidationProblem? Problem)> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct) where T : class =>
        request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false
            ? Task.FromResult<(T?, ValidationProblem?)>((null, null))
            : ReadAsync<T>(request, ct);

    internal static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid request", detail: $"{errors.Values.Sum(v => v.Length)} problem(s); see errors.");
}
