using StreamPortal;

var builder = WebApplication.CreateBuilder(args);
builder.AddStreamPortal();

var app = builder.Build();
await app.MigrateStreamPortalAsync();
app.MapStreamPortal();
await app.RunAsync();
