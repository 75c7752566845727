"""The floor every listing command is measured against: a minimal Typer app printing a 20-row Rich table."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "due", "text")
    for number in range(20):
        table.add_row(str(number), "2026-11-26", f"row number {number}")
    Console().print(table)


if __name__ == "__main__":
    app()
