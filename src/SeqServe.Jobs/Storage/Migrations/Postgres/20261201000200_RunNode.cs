using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeqServe.Jobs.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunNode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "runs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Node",
                table: "runs");
        }
    }
}
