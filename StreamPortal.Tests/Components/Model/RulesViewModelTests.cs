using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Model;
using StreamPortal.Data;
using StreamPortal.Live;
using StreamPortal.Rules;
using StreamPortal.WcsApi;
using StreamPortal.Tests.Rules;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

/// <summary>The Rules view model over the real rule service on a temp SQLite file; no component, no bUnit.</summary>
public sealed class RulesViewModelTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ServiceProvider _services;

    public RulesViewModelTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite(_database.ConnectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HookFeed>();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddRules();
        services.AddWcsApi(); // the rules' predictions read the WCS timeout in force
        _services = services.BuildServiceProvider();
    }

    private RuleService Service => _services.GetRequiredService<RuleService>();
    private PassThroughSwitch PassThrough => _services.GetRequiredService<PassThroughSwitch>();

    private RulesViewModel Model(bool canEdit) =>
        new(Service, _services.GetRequiredService<RuleEngine>(), PassThrough, canEdit);

    public async Task InitializeAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await _services.GetRequiredService<RuleSnapshotLoader>().ReloadAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private async Task<RuleView> AddAsync(string name) =>
        (await Service.CreateAsync(new RuleInput { Name = name, Match = new RuleMatchInput { Methods = [WcsMethod.PublishStream] }, Answer = new RuleAnswerInput { Status = 403 } }, default)).Value!;

    [Fact]
    public async Task An_admin_reorders_disables_and_deletes_and_the_list_follows()
    {
        await AddAsync("a");
        var b = await AddAsync("b");
        var model = Model(canEdit: true);
        await model.LoadAsync(default);
        Assert.Equal(["a", "b"], model.Rules!.Select(r => r.Name));

        await model.MoveAsync(b, -1, default);
        Assert.Equal(["b", "a"], model.Rules!.Select(r => r.Name));
        await model.SetEnabledAsync(model.Rules![0], false, default);
        Assert.False(model.Rules![0].Enabled);
        await model.DeleteAsync(model.Rules![0], default);
        Assert.Equal(["a"], model.Rules!.Select(r => r.Name));
        await model.SetPassThroughAsync(true, default);
        Assert.True(model.PassThrough);
        Assert.True(PassThrough.IsOn);
    }

    [Fact]
    public async Task A_viewer_changes_nothing()
    {
        var rule = await AddAsync("kept");
        var model = Model(canEdit: false);
        await model.LoadAsync(default);
        await model.SetEnabledAsync(rule, false, default);
        await model.DeleteAsync(rule, default);
        await model.SetPassThroughAsync(true, default);
        Assert.True(Assert.Single(await Service.ListAsync(null, default)).Enabled);
        Assert.False(PassThrough.IsOn);
    }

    [Fact]
    public async Task Hits_are_read_from_the_engine_and_only_answered_events_refresh()
    {
        var rule = await AddAsync("counted");
        var model = Model(canEdit: true);
        await model.LoadAsync(default);
        Assert.Equal(0, model.Hits(model.Rules![0]));
        Assert.Equal(rule.Id, _services.GetRequiredService<RuleEngine>().Decide(RuleTestKit.Hook("publishStream", RuleTestKit.Publish())).RuleId);
        Assert.Equal(1, model.Hits(model.Rules![0]));
        Assert.NotNull(model.LastHit(model.Rules![0]));

        EventSummary Summary(long? ruleId) => new(1, 0, "my_api", "publishStream", HookKind.DirectCall, "defaultApp", "s", "m", "n", null, 403, ruleId, null, 1, false, null);
        Assert.True(model.Wants([new CommittedBatch([Summary(rule.Id)], [], [])]));
        Assert.False(model.Wants([new CommittedBatch([Summary(null)], ["m"], ["s"])]));
    }
}
