namespace StreamPortal.Tests.E2E;

/// <summary>A data-driven test that needs a real browser; skipped or run as <see cref="BrowserFactAttribute"/> says.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!BrowserAvailability.IsAvailable && !BrowserAvailability.Required) Skip = BrowserAvailability.MissingReason;
    }
}
