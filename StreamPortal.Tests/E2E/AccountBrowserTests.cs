using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class AccountBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task An_anonymous_visit_goes_to_login_and_a_wrong_password_says_so()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/events");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Fevents"));
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync("Wrong user name or password.");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Log_out_from_the_account_menu_ends_the_session()
    {
        var page = await fixture.LoginAsync();
        await page.ClickAsync("[data-testid=account-menu] button");
        await page.ClickAsync("button:has-text('Log out')");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/settings");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl="));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_viewer_sees_settings_read_only()
    {
        var users = fixture.Factory.Services.GetRequiredService<UserAccounts>();
        var name = "viewer-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Null(await users.CreateAsync(name, "viewer-password-1", PortalRoles.Viewer, default));
        var page = await fixture.LoginAsync(name, "viewer-password-1");
        await page.GotoAsync("/settings");
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=viewer-notice]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=retention-save]")).ToBeDisabledAsync();
        await Expect(page.Locator("[data-testid=users]")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "settings-viewer-laptop");
        await page.Context.CloseAsync();
    }
}
