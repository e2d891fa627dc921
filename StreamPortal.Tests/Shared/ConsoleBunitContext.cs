using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using StreamPortal.Anomalies;
using StreamPortal.Auth;
using StreamPortal.Backup;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Export;
using StreamPortal.Hooks;
using StreamPortal.Hosting;
using StreamPortal.Ingest;
using StreamPortal.Live;
using StreamPortal.Replay;
using StreamPortal.Rules;
using StreamPortal.Wcs;
using StreamPortal.WcsApi;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// bUnit context for console pages: the app's services (its AddXxx registrations and start tasks) over a temp SQLite
/// file, the real live feed, and a signed-in admin (tests switch to a viewer with <see cref="SignInAs"/>).
/// </summary>
public abstract class ConsoleBunitContext : PortalBunitContext, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private long _clock = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <param name="time">The app's clock (a FakeTimeProvider for tests of time limits); null: the system clock.</param>
    protected ConsoleBunitContext(TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = _database.ConnectionString,
            ["StreamPortal:Admin:Password"] = PortalFactory.AdminPassword,
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        // No host here, so nothing starts; the background services that wait for the start still need a lifetime.
        Services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        // The app's own registrations, all but the web console's (bUnit renders the pages and fakes the signed-in user).
        Services.AddPortalDefaults().AddStorage().AddCluster().AddIngest().AddBackups().AddExport().AddReplay().AddRules().AddHooks().AddWcsApi().AddLive().AddAnomalies().AddPortalAuth();
        // Before anything is resolved: bUnit refuses registrations once the first service has been handed out.
        if (time is not null) Services.AddSingleton(time);
        Auth = AddAuthorization();
        SignInAs("admin", PortalRoles.Admin);
        // As in the app after prerendering: list pages write their state to the URL only when interactive.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected BunitAuthorizationContext Auth { get; }

    protected IDbContextFactory<PortalDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    protected HookFeed Feed => Services.GetRequiredService<HookFeed>();

    protected void SignInAs(string user, string role)
    {
        Auth.SetAuthorized(user);
        Auth.SetRoles(role);
    }

    public override async Task InitializeAsync()
    {
        // What the app does before it serves: migration, the first admin, the caches.
        await Services.GetRequiredService<StartupTaskRunner>().RunAsync(default);
    }

    /// <summary>Stores events (ids and times ascending) the way the writer would.</summary>
    protected async Task<List<HookEvent>> AddEventsAsync(params HookEvent[] events)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var lastId = await db.Events.MaxAsync(e => (long?)e.Id) ?? 0;
        foreach (var e in events)
        {
            if (e.Id == 0) e.Id = ++lastId;
            if (e.ReceivedAtMs == 0) e.ReceivedAtMs = ++_clock;
            if (e.App == "") e.App = "my_api";
            if (e.AnswerStatus == 0) e.AnswerStatus = 200;
            e.Kind = HookCatalogue.KindOf(e.Method);
            db.Events.Add(e);
        }
        await db.SaveChangesAsync();
        // Written around the ingest writer, so they get their filter keys the way pre-key databases do.
        await db.Database.ExecuteSqlRawAsync(EventKeySql.Backfill);
        return events.ToList();
    }

    protected async Task AddAsync(params object[] entities)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>What the writer does after a commit: tell the live feed.</summary>
    protected void Publish(IEnumerable<HookEvent> events, IEnumerable<string>? streamIds = null, IEnumerable<string>? sessionIds = null) =>
        Feed.Publish(new CommittedBatch(events.Select(EventSummary.From).ToList(), (streamIds ?? []).ToList(), (sessionIds ?? []).ToList()));

    protected static HookEvent Hook(string method, string? name = null, string? sessionId = null, string? mediaSessionId = null, string? status = null, int answer = 200) =>
        new() { Method = method, Name = name, SessionId = sessionId, MediaSessionId = mediaSessionId, Status = status, AnswerStatus = answer, AppKey = "defaultApp", Body = "{}" };

    protected StreamInstance Stream(string mediaSessionId, string name, string status, bool published = true, string sessionId = "s1") => new()
    {
        MediaSessionId = mediaSessionId, Name = name, Status = status, Published = published, SessionId = sessionId, AppKey = "defaultApp",
        NodeId = "node1", FirstSeenMs = ++_clock, LastSeenMs = ++_clock, EventCount = 1,
    };

    protected ClientSession Session(string sessionId, string status, string? login = null) => new()
    {
        SessionId = sessionId, Status = status, Login = login, AppKey = "defaultApp", Origin = "https://example.test",
        FirstSeenMs = ++_clock, LastSeenMs = ++_clock, EventCount = 1,
    };

    // Re-implemented so that the temp database goes after the renderer (and its pages' connections) is disposed.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
