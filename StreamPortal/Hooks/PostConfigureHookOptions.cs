using Microsoft.Extensions.Options;

namespace StreamPortal.Hooks;

/// <summary>
/// "/rest/", "rest/" and "rest" are the same prefix: normalized once here, so that the route, the console's
/// displayed hook URLs and cURL commands all use the same text.
/// </summary>
public sealed class PostConfigureHookOptions : IPostConfigureOptions<HookOptions>
{
    public void PostConfigure(string? name, HookOptions options)
    {
        options.RoutePrefix = options.RoutePrefix.Trim().Trim('/');
        // Routing matches the app segment whatever its case, so the caller lookup must too: with an ordinal lookup
        // "/rest/SECURE/..." found no entry for "secure" and went unauthenticated. The binder may hand over a
        // dictionary with its own comparer, so the entries are copied into a case-insensitive one here.
        options.Callers = new Dictionary<string, HookCallerAuth>(options.Callers, StringComparer.OrdinalIgnoreCase);
    }
}
