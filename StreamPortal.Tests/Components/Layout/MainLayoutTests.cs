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

    [Fact]
    public void The_dark_mode_toggle_switches_the_theme()
    {
        var cut = RenderLayout();
        Assert.Equal("Toggle dark mode", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("aria-label"));
        // The theme provider writes the active palette as CSS variables: the dark palette's primary appears.
        Assert.DoesNotContain("--mud-palette-primary: rgba(121,134,203,1)", cut.Markup);
        cut.Find("[data-testid=dark-mode-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Contains("--mud-palette-primary: rgba(121,134,203,1)", cut.Markup));
    }

    [Fact]
    public void The_navigation_links_every_section()
    {
        var cut = RenderLayout();
        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/streams", "/sessions", "/events", "/rules", "/simulator", "/settings"], hrefs);
    }
}
