using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamPortal.Auth;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Auth;

public sealed class UserAccountsTests : PortalTest
{
    private UserAccounts Users => Factory.Services.GetRequiredService<UserAccounts>();

    public override Task InitializeAsync()
    {
        Factory.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_admin_adds_a_viewer_who_can_sign_in_with_the_viewer_role()
    {
        Assert.Null(await Users.CreateAsync("vera", "viewer-pass-1", PortalRoles.Viewer, default));
        var result = await Users.CheckPasswordAsync("vera", "viewer-pass-1", default);
        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.Equal(PortalRoles.Viewer, result.Role);
        Assert.NotNull(await Users.CreateAsync("vera", "another-pass", PortalRoles.Viewer, default));
        Assert.NotNull(await Users.CreateAsync("shorty", "short", PortalRoles.Viewer, default));
        Assert.NotNull(await Users.CreateAsync("boss", "long-enough-1", "root", default));
    }

    [Fact]
    public async Task Changing_the_own_password_needs_the_current_one()
    {
        Assert.Equal("The current password is wrong.", await Users.ChangeOwnPasswordAsync("admin", "nope", "new-password-1", default));
        Assert.Null(await Users.ChangeOwnPasswordAsync("admin", PortalFactory.AdminPassword, "new-password-1", default));
        Assert.Equal(SignInOutcome.Invalid, (await Users.CheckPasswordAsync("admin", PortalFactory.AdminPassword, default)).Outcome);
        Assert.Equal(SignInOutcome.Success, (await Users.CheckPasswordAsync("admin", "new-password-1", default)).Outcome);
    }

    [Fact]
    public async Task The_last_admin_and_oneself_cannot_be_deleted_and_setting_a_password_unlocks()
    {
        Assert.NotNull(await Users.DeleteAsync("admin", "admin", default));
        Assert.Null(await Users.CreateAsync("other", "other-pass-1", PortalRoles.Viewer, default));
        Assert.Equal("The last admin cannot be deleted.", await Users.DeleteAsync("admin", "other", default));
        for (var i = 0; i < 5; i++) await Users.CheckPasswordAsync("other", "wrong", default);
        Assert.Equal(SignInOutcome.LockedOut, (await Users.CheckPasswordAsync("other", "other-pass-1", default)).Outcome);
        Assert.Null(await Users.SetPasswordAsync("other", "fresh-pass-1", default));
        Assert.Equal(SignInOutcome.Success, (await Users.CheckPasswordAsync("other", "fresh-pass-1", default)).Outcome);
        Assert.Null(await Users.DeleteAsync("other", "admin", default));
    }
}

/// <summary>Without StreamPortal:Admin:Password the first start generates one, prints it once, and it works.</summary>
public sealed class GeneratedAdminPasswordTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Admin:Password"] = "";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_generated_password_is_logged_once_and_signs_in()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        factory.CreateClient();
        var line = Assert.Single(logs.Messages, m => m.Contains("generated password"));
        var password = System.Text.RegularExpressions.Regex.Match(line, "generated password (\\S+) ").Groups[1].Value;
        Assert.NotEmpty(password);
        var users = factory.Services.GetRequiredService<UserAccounts>();
        Assert.Equal(SignInOutcome.Success, (await users.CheckPasswordAsync("admin", password, default)).Outcome);

        await users.EnsureAdminAsync(default);
        Assert.Single(logs.Messages, m => m.Contains("generated password"));
    }
}

public sealed class ParallelGuessTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Parallel_wrong_passwords_still_lock_the_account()
    {
        var users = Factory.Services.GetRequiredService<UserAccounts>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => users.CheckPasswordAsync("admin", "guess-" + i, default)));
        Assert.Contains(SignInOutcome.LockedOut, outcomes.Select(o => o.Outcome));
        Assert.Equal(SignInOutcome.LockedOut, (await users.CheckPasswordAsync("admin", PortalFactory.AdminPassword, default)).Outcome);
    }
}
