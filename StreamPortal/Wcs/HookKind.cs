namespace StreamPortal.Wcs;

/// <summary>The four kinds of WCS hook (see docs/wcs-hooks.md), plus Unknown for method names WCS may add.</summary>
public enum HookKind
{
    Unknown = 0,
    Connect = 1,
    DirectCall = 2,
    Event = 3,
    Incoming = 4,
}
