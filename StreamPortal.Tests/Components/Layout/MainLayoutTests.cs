using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Layout;
using StreamPortal.Live;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Layout;

public sealed class MainLayoutTests : ConsoleBunitContext
{
    public MainLayoutTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void The_interactive_marker_is_rendered_when_interactive() =>
        Assert.Single(RenderLayout().FindAll("[data-testid=interactive-ready]"));

    [Fact]
    public void The_interactive_marker_is_absent_while_prerendering()
    {
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Assert.Empty(RenderLayout().FindAll("[data-testid=interactive-ready]"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page body")));

    [Fact]
    public async Task The_pass_through_warning_appears_while_the_switch_is_on()
    {
        var cut = RenderLayout();
        Assert.Contains("page body", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=pass-through-warning]"));
        await Services.GetRequiredService<PassThroughSwitch>().SetAsync(true, default);
        cut.WaitForAssertion(() => Assert.Contains("Pass-through ON", cut.Find("[data-testid=pass-through-warning]").TextContent));
        await Services.GetRequiredService<PassThroughSwitch>().SetAsync(false, default);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=pass-through-warning]")));
    }

    [Fact]
    public void The_live_indicator_says_paused_while_a_page_is_paused()
    {
        var cut = RenderLayout();
        Assert.Contains("Live", cut.Find("[data-testid=live-indicator] .live-connected-chip").TextContent);
        Services.GetRequiredService<LiveState>().SetPaused(true);
        cut.WaitForAssertion(() => Assert.Contains("Paused", cut.Find("[data-testid=live-indicator] .live-connected-chip").TextContent));
    }

    // The theme provider writes the active palette as CSS variables: the dark palette's primary shows which is on.
    private const string DarkPrimary = "--mud-palette-primary: rgba(176,184,232,1)";

    private IRenderedComponent<MainLayout> RenderLayout(ThemeState theme) =>
        Render<MainLayout>(p => p.AddCascadingValue(theme).Add(x => x.Body, b => b.AddContent(0, "page body")));

    [Fact]
    public void The_dark_mode_toggle_switches_the_theme_and_remembers_the_choice()
    {
        var cut = RenderLayout();
        var toggle = cut.Find("[data-testid=dark-mode-toggle]");
        Assert.Equal("Toggle dark mode", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.DoesNotContain(DarkPrimary, cut.Markup);
        toggle.Click();
        cut.WaitForAssertion(() => Assert.Contains(DarkPrimary, cut.Markup));
        Assert.Equal("true", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-theme-chosen"));
        // Remembered in the browser (a cookie the server reads on the next request).
        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "streamPortal.rememberTheme");
        Assert.Equal(ThemePreference.Dark, call.Arguments[0]);
    }

    [Fact]
    public void A_remembered_choice_is_rendered_at_once_and_the_OS_setting_is_not_asked()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(false);
        var cut = RenderLayout(new ThemeState(Dark: true, Chosen: true));
        Assert.Contains(DarkPrimary, cut.Markup);
        Assert.Equal("dark", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-theme"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "mudThemeProvider.isDarkMode");
    }

    [Fact]
    public void Without_a_choice_the_theme_follows_the_OS_setting()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        var cut = RenderLayout(new ThemeState(Dark: false, Chosen: false));
        cut.WaitForAssertion(() => Assert.Contains(DarkPrimary, cut.Markup));
        Assert.Equal("false", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-theme-chosen"));
    }

    [Theory]
    [InlineData("dark", null, true, true)]
    [InlineData("light", "dark", false, true)]
    [InlineData(null, "dark", true, false)]
    [InlineData("<script>", "nonsense", false, false)]
    public void The_theme_cookies_give_the_first_theme(string? choice, string? system, bool dark, bool chosen)
    {
        var cookies = new Dictionary<string, string>();
        if (choice is not null) cookies[ThemePreference.ChoiceCookie] = choice;
        if (system is not null) cookies[ThemePreference.SystemCookie] = system;
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => $"{c.Key}={Uri.EscapeDataString(c.Value)}"));
        Assert.Equal(new ThemeState(dark, chosen), ThemePreference.From(http.Request.Cookies));
    }

    [Fact]
    public void The_shell_has_a_skip_link_a_main_landmark_and_named_controls()
    {
        var cut = RenderLayout();
        Assert.Equal("#main-content", cut.Find("[data-testid=skip-link]").GetAttribute("href"));
        var main = Assert.Single(cut.FindAll("main"));
        Assert.Equal("main-content", main.Id);
        Assert.Contains("page body", main.TextContent);
        Assert.Equal("Main", cut.Find("nav[aria-label]").GetAttribute("aria-label"));
        Assert.All(cut.FindAll("button"), b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label") ?? b.TextContent), b.OuterHtml));
    }

    [Fact]
    public void The_navigation_links_every_section()
    {
        var cut = RenderLayout();
        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/streams", "/sessions", "/anomalies", "/events", "/rules", "/simulator", "/settings"], hrefs);
    }
}
