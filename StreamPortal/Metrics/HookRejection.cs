namespace StreamPortal.Metrics;

/// <summary>Why a hook was refused: a closed set, so the <c>reason</c> tag of streamportal.hooks.rejected stays bounded.</summary>
public enum HookRejection
{
    /// <summary>400: the body broke off (bad chunked framing, shorter than Content-Length, connection lost).</summary>
    IncompleteBody,
    /// <summary>408: the body arrived slower than the minimum data rate.</summary>
    SlowBody,
    /// <summary>413: over StreamPortal:Hooks:MaxBodyBytes.</summary>
    TooLarge,
    /// <summary>415: not application/json, or not UTF-8.</summary>
    ContentType,
    /// <summary>401: missing or wrong HTTP Basic credentials.</summary>
    Unauthenticated,
    /// <summary>403: missing or wrong WCS body signature.</summary>
    BadSignature,
    /// <summary>400: not a JSON object, or a known field of the wrong type.</summary>
    InvalidBody,
}

internal static class HookRejectionTags
{
    /// <summary>The tag values, indexed by <see cref="HookRejection"/>: made once, so a rejection allocates no string.</summary>
    private static readonly string[] Values =
        ["incomplete_body", "slow_body", "too_large", "content_type", "unauthenticated", "bad_signature", "invalid_body"];

    public static IReadOnlyList<string> All => Values;

    public static string Of(HookRejection reason) => Values[(int)reason];
}
