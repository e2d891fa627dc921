using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Tests.Data;

/// <summary>The provider setting, its validation, and the PostgreSQL model and migrations, without a server.</summary>
public sealed class StorageProviderTests
{
    [Theory]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("sqlite", StorageProvider.Sqlite)]
    [InlineData("Postgres", StorageProvider.Postgres)]
    [InlineData(" POSTGRES ", StorageProvider.Postgres)]
    public void A_provider_is_named_in_any_case(string text, StorageProvider expected) =>
        Assert.Equal(expected, StorageOptions.ParseProvider(text));

    [Theory]
    [InlineData("MySql")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("Sqlite,Postgres")]
    public void Anything_else_is_refused_naming_the_key_and_the_choices(string text)
    {
        Assert.Null(StorageOptions.ParseProvider(text));
        var result = new ValidateStorageOptions().Validate(null, new StorageOptions { Provider = text });
        Assert.True(result.Failed);
        Assert.Contains(StorageOptions.ProviderKey, result.FailureMessage);
        Assert.Contains("Sqlite, Postgres", result.FailureMessage);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=portal;Username=postgres", null)]
    [InlineData("Port=5432;Database=portal", "Host=")]
    [InlineData("Host=127.0.0.1", "Database=")]
    [InlineData("Not A Keyword=1", "not a valid PostgreSQL connection string")]
    public void A_PostgreSQL_connection_string_must_name_the_server_and_the_database(string connectionString, string? failure)
    {
        var result = new ValidateStorageOptions().Validate(null, new StorageOptions { Provider = "Postgres", Portal = connectionString });
        if (failure is null) Assert.True(result.Succeeded, result.FailureMessage);
        else Assert.Contains(failure, result.FailureMessage);
    }

    private static PostgresPortalDbContext Postgres() =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=localhost;Database=model").Options);

    [Fact]
    public void Both_stores_migrations_match_the_model()
    {
        // A model change needs a migration in each set (Data/Migrations and Data/Migrations/Postgres).
        using var sqlite = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=model.db").Options);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "The SQLite migrations lag the model: add one (see docs/postgresql.md).");
        using var postgres = Postgres();
        Assert.False(postgres.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag the model: add one with --context PostgresPortalDbContext.");
        Assert.NotEmpty(postgres.Database.GetMigrations());
        Assert.DoesNotContain(postgres.Database.GetMigrations(), sqlite.Database.GetMigrations().Contains);
    }

    [Fact]
    public void On_PostgreSQL_every_events_index_ends_with_the_id_and_partial_filters_are_quoted()
    {
        using var db = Postgres();
        var events = db.Model.FindEntityType(typeof(HookEvent))!;
        foreach (var index in events.GetIndexes())
        {
            Assert.Equal(nameof(HookEvent.Id), index.Properties[^1].Name);
            if (index.GetFilter() is { } filter) Assert.Contains($"\"{index.Properties[0].Name}\"", filter);
        }
        Assert.Equal(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd, events.FindProperty(nameof(HookEvent.Id))!.ValueGenerated);
    }
}
