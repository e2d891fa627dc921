using AngleSharp.Dom;
using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Live;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

/// <summary>bUnit context with the real rule engine and services on a temp SQLite file, and a signed-in user.</summary>
public abstract class RulesUiContext : PortalBunitContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streamportal-tests", Guid.NewGuid().ToString("N"));

    protected RulesUiContext(bool admin = true)
    {
        Directory.CreateDirectory(_folder);
        var cs = $"Data Source={Path.Combine(_folder, "ui.db")}";
        Services.AddLogging();
        Services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite(cs));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<PassThroughSwitch>();
        Services.AddSingleton<HookFeed>();
        // The rules' options bind to configuration: an empty one gives their defaults.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddRules();
        var auth = AddAuthorization();
        auth.SetAuthorized(admin ? "admin" : "viewer");
        auth.SetRoles(admin ? "admin" : "viewer");
    }

    protected RuleService Rules => Services.GetRequiredService<RuleService>();
    protected RuleEngine Engine => Services.GetRequiredService<RuleEngine>();
    protected ConnectPolicyService Policies => Services.GetRequiredService<ConnectPolicyService>();
    protected PassThroughSwitch PassThrough => Services.GetRequiredService<PassThroughSwitch>();

    public override async Task InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await Services.GetRequiredService<RuleSnapshotLoader>().ReloadAsync(CancellationToken.None);
    }

    protected async Task<RuleView> AddRuleAsync(string name, int status = 403, string[]? methods = null)
    {
        var result = await Rules.CreateAsync(new RuleInput
        {
            Name = name,
            Match = new RuleMatchInput { Methods = methods ?? [] },
            Answer = new RuleAnswerInput { Status = status },
        }, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors!.Keys));
    }

    /// <summary>The input element of a MudBlazor field marked with data-testid (the attribute may sit on a wrapper).</summary>
    protected static IElement Input<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.Find($"[data-testid='{testId}']");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea") ?? element;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Cleanup();
    }

    private void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
