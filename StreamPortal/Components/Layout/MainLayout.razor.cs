using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using StreamPortal.Live;
using StreamPortal.Rules;

namespace StreamPortal.Components.Layout;

public sealed partial class MainLayout : IDisposable
{
    [Inject] private PassThroughSwitch PassThrough { get; set; } = default!;
    [Inject] private LiveState Live { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    /// <summary>From the request's cookies (<see cref="ThemePreference"/>), cascaded by Routes.</summary>
    [CascadingParameter] private ThemeState? InitialTheme { get; set; }

    private bool _drawerOpen = true;
    private bool _darkMode;
    private bool _themeChosen;
    private MudThemeProvider? _themeProvider;
    private readonly MudTheme _theme = ConsoleTheme.Create();

    protected override void OnInitialized()
    {
        _darkMode = InitialTheme?.Dark ?? false;
        _themeChosen = InitialTheme?.Chosen ?? false;
        PassThrough.Changed += OnPassThroughChanged;
        Live.Changed += OnLiveChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Until the user chooses, the theme follows the OS setting, also when it changes while the page is open.
        if (!firstRender || _themeChosen || _themeProvider is null || !RendererInfo.IsInteractive) return;
        await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
        await OnSystemDarkModeChangedAsync(await _themeProvider.GetSystemDarkModeAsync());
    }

    private Task OnSystemDarkModeChangedAsync(bool dark)
    {
        if (_themeChosen || dark == _darkMode) return Task.CompletedTask;
        _darkMode = dark;
        return InvokeAsync(StateHasChanged);
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    /// <summary>A choice is remembered (a cookie, read by the server on the next request) and overrides the OS setting.</summary>
    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        _themeChosen = true;
        await JS.InvokeVoidAsync("streamPortal.rememberTheme", ThemePreference.Name(_darkMode));
    }

    // Raised from whichever thread changed the switch (another user's circuit): hop onto ours.
    private void OnPassThroughChanged(bool on) => _ = InvokeAsync(StateHasChanged);
    private void OnLiveChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        PassThrough.Changed -= OnPassThroughChanged;
        Live.Changed -= OnLiveChanged;
    }
}
