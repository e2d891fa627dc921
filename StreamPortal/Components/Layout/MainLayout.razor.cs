using Microsoft.AspNetCore.Components;
using MudBlazor;
using StreamPortal.Live;
using StreamPortal.Rules;

namespace StreamPortal.Components.Layout;

public sealed partial class MainLayout : IDisposable
{
    [Inject] private PassThroughSwitch PassThrough { get; set; } = default!;
    [Inject] private LiveState Live { get; set; } = default!;

    private bool _drawerOpen = true;
    private bool _darkMode;
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", AppbarBackground = "#283593" },
        PaletteDark = new PaletteDark { Primary = "#7986cb" },
    };

    protected override void OnInitialized()
    {
        PassThrough.Changed += OnPassThroughChanged;
        Live.Changed += OnLiveChanged;
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;
    private void ToggleDarkMode() => _darkMode = !_darkMode;

    // Raised from whichever thread changed the switch (another user's circuit): hop onto ours.
    private void OnPassThroughChanged(bool on) => _ = InvokeAsync(StateHasChanged);
    private void OnLiveChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        PassThrough.Changed -= OnPassThroughChanged;
        Live.Changed -= OnLiveChanged;
    }
}
