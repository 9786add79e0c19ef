using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gateway.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmartLockout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedLoginCount",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LockoutEndsAt",
                table: "Users");

            migrationBuilder.CreateTable(
                name: "LoginAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoginAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LoginLocks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Until = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoginLocks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SignInNetworks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Network = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastSucceededAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInNetworks", x => new { x.UserId, x.Network });
                    table.ForeignKey(
                        name: "FK_SignInNetworks_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoginAttempts_ExpiresAt",
                table: "LoginAttempts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_LoginAttempts_Key_ExpiresAt",
                table: "LoginAttempts",
                columns: new[] { "Key", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LoginLocks_Until",
                table: "LoginLocks",
                column: "Until");

            migrationBuilder.CreateIndex(
                name: "IX_SignInNetworks_LastSucceededAt",
                table: "SignInNetworks",
                column: "LastSucceededAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoginAttempts");

            migrationBuilder.DropTable(
                name: "LoginLocks");

            migrationBuilder.DropTable(
                name: "SignInNetworks");

            migrationBuilder.AddColumn<int>(
                name: "FailedLoginCount",
                table: "Users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LockoutEndsAt",
                table: "Users",
                type: "bigint",
                nullable: true);
        }
    }
}
