using Microsoft.Extensions.Options;

namespace StreamPortal.Hooks;

/// <summary>
/// "/rest/", "rest/" and "rest" are the same prefix: normalized once here, so that the route, the console's
/// displayed hook URLs and cURL commands all use the same text.
/// </summary>
public sealed class PostConfigureHookOptions : IPostConfigureOptions<HookOptions>
{
    public void PostConfigure(string? name, HookOptions options) => options.RoutePrefix = options.RoutePrefix.Trim().Trim('/');
}
