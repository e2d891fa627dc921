// A minimal ASP.NET Core endpoint that copies the request body back, nothing else: the ceiling that the
// portal's durable throughput is compared with. Same route shape and answer headers as the portal's hook.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/rest/{app}/{method}", static async (HttpContext http) =>
{
    var request = http.Request;
    var buffer = new byte[request.ContentLength is { } n and > 0 and < 1_048_576 ? (int)n : 4096];
    var filled = 0;
    while (true)
    {
        if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        var read = await request.Body.ReadAsync(buffer.AsMemory(filled));
        if (read == 0) break;
        filled += read;
    }
    var response = http.Response;
    response.StatusCode = 200;
    response.ContentType = "application/json";
    response.ContentLength = filled;
    await response.Body.WriteAsync(buffer.AsMemory(0, filled));
});

app.Run();
