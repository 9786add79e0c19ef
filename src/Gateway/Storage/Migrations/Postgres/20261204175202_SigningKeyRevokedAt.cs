using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SigningKeyRevokedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "SigningKeys",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "SigningKeys");
        }
    }
}
