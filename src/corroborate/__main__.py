from .cli import app

app(prog_name="corroborate")
