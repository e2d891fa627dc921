using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using StreamPortal.Auth;
using StreamPortal.Backup;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

public static class BackupsApi
{
    /// <summary>POST /api/backups (admin) makes an online backup; GET /api/backups lists them.</summary>
    public static RouteGroupBuilder MapBackupsApi(this RouteGroupBuilder api)
    {
        var backups = api.MapGroup("/backups").WithTags("Backups");
        backups.MapGet("/", (DatabaseBackups service) =>
        {
            var items = service.List();
            return TypedResults.Ok(new PagedResult<BackupFile>(items, items.Count));
        });
        backups.MapPost("/", CreateAsync).RequireAuthorization(PortalRoles.CanEdit)
            .ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status501NotImplemented);
        return api;
    }

    private static async Task<Results<Ok<BackupFile>, ProblemHttpResult>> CreateAsync(DatabaseBackups service, CancellationToken ct)
    {
        if (!service.IsSupported)
            return TypedResults.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Backups are made with pg_dump", detail: DatabaseBackups.PostgresAdvice);
        try
        {
            return TypedResults.Ok(await service.CreateAsync(ct));
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Backup failed", detail: ex.Message);
        }
    }
}
