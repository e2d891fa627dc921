using StreamPortal.Anomalies;
using StreamPortal.Api;
using StreamPortal.Auth;
using StreamPortal.Backup;
using StreamPortal.Cluster;
using StreamPortal.Components;
using StreamPortal.Data;
using StreamPortal.Export;
using StreamPortal.Health;
using StreamPortal.Hooks;
using StreamPortal.Hosting;
using StreamPortal.Ingest;
using StreamPortal.Live;
using StreamPortal.Metrics;
using StreamPortal.Replay;
using StreamPortal.Rules;
using StreamPortal.Search;
using StreamPortal.Server;
using StreamPortal.Simulator;
using StreamPortal.WcsApi;

// `simulate ...` runs the WCS traffic simulator against a hook URL instead of the portal (Simulator/, no database).
if (args is ["simulate", ..]) return await SimulateCommand.RunAsync(args, Console.Out, Console.Error);

// Each feature registers its options, services and start tasks, and maps its endpoints, from its own folder.
var builder = WebApplication.CreateBuilder(args);
// The build output serves the console's assets (blazor.web.js, MudBlazor's _content) from the packages and obj/ in
// every environment, not only Development; published output has them in wwwroot and this is a no-op there.
builder.WebHost.UseStaticWebAssets();
builder.Services
    .AddPortalDefaults()   // Hosting/: clock, problem details, JSON
    .AddServerLimits()     // Server/: Kestrel's connection, header and body-rate limits
    .AddPortalDataProtection(builder.Configuration) // Hosting/: Data Protection keys in the database
    .AddStorage()          // Data/: SQLite, DbContext, queries; migrates before anything else at start
    .AddCluster()          // Cluster/: instance name, Redis connection when StreamPortal:Cluster:Redis is set
    .AddIngest()           // Ingest/: queue, group-commit writer, WAL maintenance, retention
    .AddSearch()           // Search/: the Events search index, kept in the background (SQLite)
    .AddPortalHealth()     // Health/: /healthz and /readyz checks
    .AddBackups()          // Backup/: online copies of the database
    .AddExport()           // Export/: event export (NDJSON, CSV) and bug-report bundles
    .AddReplay()           // Replay/: resending stored hooks to this portal or another backend
    .AddRules()            // Rules/: rule engine, pass-through switch
    .AddHooks()            // Hooks/: the WCS hook handler and caller check
    .AddWcsApi()           // WcsApi/: WCS timings in force, comparison with WCS's own streams
    .AddLive()             // Live/: feed, rate tracker, hub and relay
    .AddClusterLive()      // Cluster/: live feed across instances (Redis pub/sub), hub on SignalR's Redis backplane
    .AddAnomalies()        // Anomalies/: lifecycle anomalies found from the live feed and periodic sweeps
    .AddPortalAuth()       // Auth/: users, API keys, cookie or API-key sign-in, roles
    .AddSimulator()        // Simulator/: WCS traffic simulator runs (API and console page)
    .AddPortalMetrics()    // Metrics/: OpenTelemetry meters, Prometheus exporter, scrape policy
    .AddApiReference()     // Api/: the OpenAPI document of /api and the hooks
    .AddConsole();         // Components/: the Blazor console

var app = builder.Build();
app.MapHooks();            // runs straight from routing: none of the middleware below touches a hook
app.MapPortalHealth();     // short-circuited too: probes skip authentication and status pages
app.UseSecurityHeaders();  // Hosting/: CSP, nosniff, referrer policy, HSTS over HTTPS
app.UseConsoleErrorPages();
app.UsePortalAuth();
app.MapAdminApi();
app.MapApiReference();     // Api/: /openapi/v1.json and the interactive reference at /api/reference
app.MapPortalMetrics();    // Metrics/: /metrics in Prometheus text, behind an API key
app.MapLive();
app.MapConsole();
await app.RunAsync();      // start tasks (migration, first admin, caches) run before the server listens
return 0;
