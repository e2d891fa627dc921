namespace StreamPortal.Export;

/// <summary>Bounds of a bundle, on export and on import (an import is an untrusted file).</summary>
public static class BundleLimits
{
    /// <summary>Events in one bundle; a longer session is refused (export its events with filters instead).</summary>
    public const int MaxEvents = 50_000;

    /// <summary>Bytes of one uploaded bundle (Kestrel's default request body limit).</summary>
    public const int MaxBytes = 30_000_000;

    /// <summary>Bytes of one event's body (the hook endpoint's default limit).</summary>
    public const int MaxEventBodyBytes = 1024 * 1024;
}
