using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using SettingsPage = StreamPortal.Components.Pages.Settings.Settings;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Pages.Settings;

public sealed class SettingsPageTests : ConsoleBunitContext
{
    [Fact]
    public async Task A_viewer_sees_the_settings_but_cannot_edit_them()
    {
        await Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(14, null), default);
        await Services.GetRequiredService<ApiKeyStore>().CreateAsync("grafana", PortalRoles.Viewer, default);
        SignInAs("vera", PortalRoles.Viewer);
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Contains("grafana", cut.Find("[data-testid=keys-table]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=viewer-notice]"));
        Assert.True(cut.Find("[data-testid=retention-save]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=retention-prune]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=retention-days]").HasAttribute("disabled"));
        Assert.Equal("14", cut.Find("[data-testid=retention-days]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=key-create]"));
        Assert.Empty(cut.FindAll("[data-testid=users]"));
        Assert.All(cut.FindAll("[data-testid=keys-table] button"), b => Assert.True(b.HasAttribute("disabled")));
        // The own password stays editable.
        Assert.False(cut.Find("[data-testid=own-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_admin_saves_retention_and_creates_a_key_shown_once()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=key-create]")));
        cut.Find("[data-testid=retention-days]").Change("7");
        cut.Find("[data-testid=retention-max]").Change("100000");
        cut.Find("[data-testid=retention-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("[data-testid=retention-message]").TextContent.Trim()));
        Assert.Equal(new RetentionPolicy(7, 100000), await Services.GetRequiredService<RetentionSettings>().GetAsync(default));

        cut.Find("[data-testid=key-name]").Change("ci-script");
        cut.Find("[data-testid=key-create]").Click();
        var key = "";
        cut.WaitForAssertion(() => key = cut.Find("[data-testid=key-value]").TextContent.Trim());
        Assert.StartsWith(ApiKeyStore.KeyPrefix, key);
        Assert.Equal(PortalRoles.Viewer, Services.GetRequiredService<ApiKeyStore>().RoleOf(ApiKeyValidator.Hash(key)));
        Assert.Contains("ci-script", cut.Find("[data-testid=keys-table]").TextContent);
        Assert.DoesNotContain(key, cut.Find("[data-testid=keys-table]").TextContent);
    }

    [Fact]
    public async Task An_admin_adds_a_user()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=users-table] tr[data-user='admin']")));
        cut.Find("[data-testid=user-name]").Change("olga");
        cut.Find("[data-testid=user-password]").Change("olga-password-1");
        cut.Find("[data-testid=user-create]").Click();
        cut.WaitForAssertion(() => Assert.Contains("viewer", cut.Find("[data-testid=users-table] tr[data-user='olga']").TextContent));
        var check = await Services.GetRequiredService<UserAccounts>().CheckPasswordAsync("olga", "olga-password-1", default);
        Assert.Equal(SignInOutcome.Success, check.Outcome);
    }

    [Fact]
    public void An_admin_backs_up_now_and_sees_the_file_listed_while_a_viewer_has_no_backup_panel()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=backup-now]")));
        Assert.Empty(cut.FindAll("[data-testid=backup-list] tbody tr"));
        cut.Find("[data-testid=backup-now]").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Backed up to streamportal-", cut.Find("[data-testid=backup-message]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Single(cut.FindAll("[data-testid=backup-list] tbody tr"));

        SignInAs("vera", PortalRoles.Viewer);
        var viewer = Render<SettingsPage>();
        viewer.WaitForAssertion(() => Assert.NotNull(viewer.Find("[data-testid=viewer-notice]")));
        Assert.Empty(viewer.FindAll("[data-testid=backups]"));
    }
}
