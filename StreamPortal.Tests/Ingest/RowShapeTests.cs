using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The writer's rows are resolved from the EF model at start and checked against the database: what the writer could
/// not bind faithfully, or a database that is not the model's, stops it before the first hook.
/// </summary>
public sealed class RowShapeTests
{
    public sealed class Row
    {
        public string Id { get; set; } = "";
        public string? Status { get; set; }
        public int Count { get; set; }
        public DateTime At { get; set; }
    }

    [Fact]
    public void The_real_rows_are_every_property_of_their_entity_with_the_key_first()
    {
        using var db = new StreamPortal.Data.PortalDbContext(
            new DbContextOptionsBuilder<StreamPortal.Data.PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        var rows = ProjectedRows.From(db.Model);
        Assert.Equal(typeof(StreamPortal.Data.Entities.StreamInstance).GetProperties().Length, rows.Stream.Columns.Length);
        Assert.Equal(typeof(StreamPortal.Data.Entities.ClientSession).GetProperties().Length, rows.Session.Columns.Length);
        Assert.Equal(("MediaSessionId", "SessionId"), (rows.Stream.Key.Name, rows.Session.Key.Name));
        Assert.Equal(("Status", "Status"), (rows.Stream.Status.Name, rows.Session.Status.Name));
    }

    [Fact]
    public void A_mapped_property_of_a_type_the_writer_cannot_bind_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RowShape<Row>.From(Model(_ => { }), nameof(Row.Status)));
        Assert.Contains("Row.At is a DateTime", error.Message);
    }

    [Fact]
    public void A_converted_property_is_refused()
    {
        var model = Model(e => { e.Ignore(r => r.At); e.Property(r => r.Count).HasConversion<string>(); });
        var error = Assert.Throws<InvalidOperationException>(() => RowShape<Row>.From(model, nameof(Row.Status)));
        Assert.Contains("converts Count", error.Message);
    }

    [Fact]
    public void A_status_no_index_holds_is_refused()
    {
        var model = Model(e => { e.Ignore(r => r.At); e.HasIndex(r => r.Count); });
        var error = Assert.Throws<InvalidOperationException>(() => RowShape<Row>.From(model, nameof(Row.Status)));
        Assert.Contains("no index holding Status", error.Message);
    }

    [Fact]
    public void A_row_the_writer_can_bind_follows_the_model()
    {
        var shape = RowShape<Row>.From(Model(e => { e.Ignore(r => r.At); e.HasIndex(r => r.Status); e.Property(r => r.Count).HasColumnName("Hits"); }), nameof(Row.Status));
        // The key first, then in the model's order (by property name).
        Assert.Equal(["Id", "Hits", "Status"], shape.Columns.Select(c => c.Name));
        Assert.Equal(["Status"], shape.Indexed.Select(c => c.Name));
        Assert.Equal("SELECT Id, Hits, Status FROM Rows WHERE Id = $Id", RowSql.Select(shape));
        Assert.Equal("UPDATE Rows SET Hits = $Hits WHERE Id = $Id", RowSql.Update(shape, withStatus: false));
        Assert.Equal("UPDATE Rows SET Hits = $Hits, Status = $Status WHERE Id = $Id", RowSql.Update(shape, withStatus: true));
    }

    [Theory]
    [InlineData("DROP INDEX IX_Streams_Name", "indexed AppKey, FirstSeenMs, Published, SessionId, Status)")]
    [InlineData("CREATE INDEX IX_Streams_LastSeenMs ON Streams (LastSeenMs)", "indexed AppKey, FirstSeenMs, LastSeenMs, Name, Published, SessionId, Status)")]
    [InlineData("ALTER TABLE Streams ADD COLUMN Extra TEXT", "EventCount, Extra, FirstSeenMs")]
    public async Task A_database_that_is_not_the_models_stops_the_writer(string change, string shown)
    {
        await using var database = await WriterDatabase.CreateAsync();
        database.Query(change);

        var error = Assert.Throws<InvalidOperationException>(() => new BatchCommands(database.Connection, database.Rows).Dispose());

        Assert.Contains("The database's table Streams", error.Message);
        Assert.Contains(shown, error.Message);
    }

    [Fact]
    public async Task The_event_insert_names_every_column_of_the_table_but_its_id()
    {
        await using var database = await WriterDatabase.CreateAsync();
        var columns = database.Query("SELECT name FROM pragma_table_info('Events') WHERE name <> 'Id'").Select(r => (string)r[0]!);
        Assert.Equal(columns.Order(), ProjectionSql.EventColumns.Order());
    }

    private static IModel Model(Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Row>> configure)
    {
        var builder = SqliteConventionSetBuilder.CreateModelBuilder();
        builder.Entity<Row>(e =>
        {
            e.ToTable("Rows");
            e.HasKey(r => r.Id);
            configure(e);
        });
        // A context given the model initializes it for run time, as the portal's own context does with its model.
        using var db = new DbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").UseModel(builder.FinalizeModel()).Options);
        return db.Model;
    }
}
