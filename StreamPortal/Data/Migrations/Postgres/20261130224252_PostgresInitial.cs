using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StreamPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    KeyHash = table.Column<string>(type: "text", nullable: false),
                    Prefix = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAtMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConnectPolicies",
                columns: table => new
                {
                    AppKey = table.Column<string>(type: "text", nullable: false),
                    RestClientConfigJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectPolicies", x => x.AppKey);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EventKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    App = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    NodeId = table.Column<string>(type: "text", nullable: true),
                    AppKey = table.Column<string>(type: "text", nullable: true),
                    SessionId = table.Column<string>(type: "text", nullable: true),
                    MediaSessionId = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: true),
                    SessionKey = table.Column<long>(type: "bigint", nullable: true),
                    MediaSessionKey = table.Column<long>(type: "bigint", nullable: true),
                    NameKey = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: true),
                    Info = table.Column<string>(type: "text", nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: true),
                    Body = table.Column<string>(type: "text", nullable: true),
                    BodyEncoding = table.Column<string>(type: "text", nullable: true),
                    Headers = table.Column<string>(type: "text", nullable: true),
                    RemoteAddress = table.Column<string>(type: "text", nullable: true),
                    AnswerStatus = table.Column<int>(type: "integer", nullable: false),
                    AnswerBody = table.Column<string>(type: "text", nullable: true),
                    RuleId = table.Column<long>(type: "bigint", nullable: true),
                    RuleName = table.Column<string>(type: "text", nullable: true),
                    DelayMs = table.Column<int>(type: "integer", nullable: false),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    Rejected = table.Column<bool>(type: "boolean", nullable: false),
                    RejectReason = table.Column<string>(type: "text", nullable: true),
                    AnswerDelivered = table.Column<bool>(type: "boolean", nullable: true),
                    ReplayOf = table.Column<long>(type: "bigint", nullable: true),
                    ImportedFrom = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    MatchJson = table.Column<string>(type: "text", nullable: false),
                    AnswerJson = table.Column<string>(type: "text", nullable: false),
                    LimitsJson = table.Column<string>(type: "text", nullable: false),
                    HitCount = table.Column<long>(type: "bigint", nullable: false),
                    LastHitAtMs = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    SessionId = table.Column<string>(type: "text", nullable: false),
                    AppKey = table.Column<string>(type: "text", nullable: true),
                    NodeId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: true),
                    Origin = table.Column<string>(type: "text", nullable: true),
                    ClientVersion = table.Column<string>(type: "text", nullable: true),
                    ClientOsVersion = table.Column<string>(type: "text", nullable: true),
                    ClientBrowserVersion = table.Column<string>(type: "text", nullable: true),
                    MediaProviders = table.Column<string>(type: "text", nullable: true),
                    Custom = table.Column<string>(type: "text", nullable: true),
                    Login = table.Column<string>(type: "text", nullable: true),
                    RestClientConfig = table.Column<string>(type: "text", nullable: true),
                    ConnectedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    DisconnectedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    FirstSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    EventCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.SessionId);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Streams",
                columns: table => new
                {
                    MediaSessionId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    SessionId = table.Column<string>(type: "text", nullable: true),
                    AppKey = table.Column<string>(type: "text", nullable: true),
                    NodeId = table.Column<string>(type: "text", nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: true),
                    Info = table.Column<string>(type: "text", nullable: true),
                    MediaProvider = table.Column<string>(type: "text", nullable: true),
                    HasAudio = table.Column<bool>(type: "boolean", nullable: true),
                    HasVideo = table.Column<bool>(type: "boolean", nullable: true),
                    Record = table.Column<bool>(type: "boolean", nullable: true),
                    Width = table.Column<int>(type: "integer", nullable: true),
                    Height = table.Column<int>(type: "integer", nullable: true),
                    Bitrate = table.Column<long>(type: "bigint", nullable: true),
                    AudioCodec = table.Column<string>(type: "text", nullable: true),
                    VideoCodec = table.Column<string>(type: "text", nullable: true),
                    FirstSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    LastEventId = table.Column<long>(type: "bigint", nullable: false),
                    EventCount = table.Column<int>(type: "integer", nullable: false),
                    EndedWithSession = table.Column<bool>(type: "boolean", nullable: false),
                    EndedByEventId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Streams", x => x.MediaSessionId);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    FailedLogins = table.Column<int>(type: "integer", nullable: false),
                    LockedUntilMs = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventKeys_Value",
                table: "EventKeys",
                column: "Value",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_AnswerStatus_Not200",
                table: "Events",
                columns: new[] { "AnswerStatus", "Id" },
                filter: "\"AnswerStatus\" <> 200");

            migrationBuilder.CreateIndex(
                name: "IX_Events_AppKey_Method_Id",
                table: "Events",
                columns: new[] { "AppKey", "Method", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_MediaSessionKey_Id",
                table: "Events",
                columns: new[] { "MediaSessionKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Method_Id",
                table: "Events",
                columns: new[] { "Method", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_NameKey_Id",
                table: "Events",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ReceivedAtMs_Id",
                table: "Events",
                columns: new[] { "ReceivedAtMs", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Rejected_Id",
                table: "Events",
                columns: new[] { "Rejected", "Id" },
                filter: "\"Rejected\"");

            migrationBuilder.CreateIndex(
                name: "IX_Events_RuleId_Id",
                table: "Events",
                columns: new[] { "RuleId", "Id" },
                filter: "\"RuleId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Events_SessionKey_Id",
                table: "Events",
                columns: new[] { "SessionKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status_Id",
                table: "Events",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Rules_Order",
                table: "Rules",
                column: "Order");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_AppKey",
                table: "Sessions",
                column: "AppKey");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_FirstSeenMs",
                table: "Sessions",
                column: "FirstSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_Status",
                table: "Sessions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_AppKey",
                table: "Streams",
                column: "AppKey");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_FirstSeenMs",
                table: "Streams",
                column: "FirstSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_Name",
                table: "Streams",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Streams_SessionId_Status",
                table: "Streams",
                columns: new[] { "SessionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Streams_Status",
                table: "Streams",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserName",
                table: "Users",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "ConnectPolicies");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EventKeys");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "Rules");

            migrationBuilder.DropTable(
                name: "Sessions");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "Streams");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}
