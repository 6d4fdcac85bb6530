from tests.e2e.standin.fixtures import bot_process, scene, standin, standin_factory, tinybot, tinybot_dir  # noqa: F401
