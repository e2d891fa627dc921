namespace StreamPortal.Tests.E2E;

/// <summary>
/// A test that needs a real browser: skipped with a reason that names the fix when no Chromium is installed, and run
/// (so failing) when <see cref="BrowserAvailability.RequireVariable"/> says a browser must be there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserAvailability.IsAvailable && !BrowserAvailability.Required) Skip = BrowserAvailability.MissingReason;
    }
}
