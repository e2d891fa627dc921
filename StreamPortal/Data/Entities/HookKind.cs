namespace StreamPortal.Data.Entities;

/// <summary>The four kinds of WCS hook (see wcs-hooks.md), plus Unknown for method names WCS may add.</summary>
public enum HookKind
{
    Unknown = 0,
    Connect = 1,
    DirectCall = 2,
    Event = 3,
    Incoming = 4,
}
