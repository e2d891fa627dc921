using Microsoft.AspNetCore.Components;

namespace StreamPortal.Components.Pages.Settings;

/// <summary>
/// A panel of the Settings page: told by the page who is signed in, and cancelling its calls when the page closes.
/// Each panel checks <see cref="IsAdmin"/> itself before an edit: disabled controls are not the check that counts.
/// </summary>
public abstract class SettingsPanel : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    [Parameter] public bool IsAdmin { get; set; }
    [Parameter] public string UserName { get; set; } = "";

    protected CancellationToken Disposed => _disposed.Token;

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
