"""Every item model of the window passes Qt's model tester on real data."""

from desktop_app.ui.pages.catalog_pages import ItemsPage, PlacesPage
from desktop_app.ui.pages.departments_page import DepartmentsPage
from desktop_app.ui.pages.requests_page import RequestsPage


def test_requests_model_and_filter_proxy(qtmodeltester, window):
    page: RequestsPage = window.pages["requests"]
    assert page.model.rowCount() == 30
    qtmodeltester.check(page.model)
    page.proxy.set_criteria("电子信息")
    qtmodeltester.check(page.proxy)


def test_department_item_and_place_models(qtmodeltester, window):
    departments: DepartmentsPage = window.pages["departments"]
    items: ItemsPage = window.pages["items"]
    places: PlacesPage = window.pages["places"]
    assert departments.model.rowCount() == 14 and items.model.rowCount() == 15 and places.model.rowCount() == 11
    for model in (departments.model, items.model, places.model):
        qtmodeltester.check(model)
