"""`spark-submit .../corroborate/spark/__main__.py INPUT... --out DIR`: the `corroborate spark`
command as a script spark-submit can run (its --master and resources are spark-submit's)."""
import sys

from corroborate.cli import app

if __name__ == "__main__":
    app(["spark", *sys.argv[1:]], prog_name="corroborate spark")
