using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Components.Pages;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components;

public sealed class SettingsPageTests : ConsoleBunitContext
{
    [Fact]
    public async Task A_viewer_sees_the_settings_but_cannot_edit_them()
    {
        await Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(14, null), default);
        await Services.GetRequiredService<ApiKeyStore>().CreateAsync("grafana", PortalRoles.Viewer, default);
        SignInAs("vera", PortalRoles.Viewer);
        var cut = Render<Settings>();
        cut.WaitForAssertion(() => Assert.Contains("grafana", cut.Find("#keys-table").TextContent));
        Assert.NotNull(cut.Find("#viewer-notice"));
        Assert.True(cut.Find("#retention-save").HasAttribute("disabled"));
        Assert.True(cut.Find("#retention-prune").HasAttribute("disabled"));
        Assert.True(cut.Find("#retention-days").HasAttribute("disabled"));
        Assert.Equal("14", cut.Find("#retention-days").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#key-create"));
        Assert.Empty(cut.FindAll("#users"));
        Assert.All(cut.FindAll("#keys-table button"), b => Assert.True(b.HasAttribute("disabled")));
        // The own password stays editable.
        Assert.False(cut.Find("#own-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_admin_saves_retention_and_creates_a_key_shown_once()
    {
        var cut = Render<Settings>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#key-create")));
        cut.Find("#retention-days").Change("7");
        cut.Find("#retention-max").Change("100000");
        cut.Find("#retention-save").Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("#retention-message").TextContent.Trim()));
        Assert.Equal(new RetentionPolicy(7, 100000), await Services.GetRequiredService<RetentionSettings>().GetAsync(default));

        cut.Find("#key-name").Change("ci-script");
        cut.Find("#key-create").Click();
        var key = "";
        cut.WaitForAssertion(() => key = cut.Find("#key-value").TextContent.Trim());
        Assert.StartsWith(ApiKeyStore.KeyPrefix, key);
        Assert.Equal(PortalRoles.Viewer, Services.GetRequiredService<ApiKeyStore>().RoleOf(ApiKeyValidator.Hash(key)));
        Assert.Contains("ci-script", cut.Find("#keys-table").TextContent);
        Assert.DoesNotContain(key, cut.Find("#keys-table").TextContent);
    }

    [Fact]
    public async Task An_admin_adds_a_user()
    {
        var cut = Render<Settings>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#users-table tr[data-user='admin']")));
        cut.Find("#user-name").Change("olga");
        cut.Find("#user-password").Change("olga-password-1");
        cut.Find("#user-create").Click();
        cut.WaitForAssertion(() => Assert.Contains("viewer", cut.Find("#users-table tr[data-user='olga']").TextContent));
        var check = await Services.GetRequiredService<UserAccounts>().CheckPasswordAsync("olga", "olga-password-1", default);
        Assert.Equal(SignInOutcome.Success, check.Outcome);
    }
}
